"""The requests feature's services: the only layer that changes requests, writes events and sends mail.

- ``core``: filing (with merging of duplicates and the free copy), the transition table, clocks.
- ``guest``: verification links, proof of order, the guest session.
- ``automation``: what each request type does once verified.
- ``staff``: staff actions with their permission check (admin and API).
- ``messages``, ``proofs``, ``emails``, ``ratelimit``, ``maintenance`` (reminders, purge), ``stats``.
"""
