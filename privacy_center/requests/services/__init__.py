"""The requests feature's services: the only layer that changes requests, writes events and sends mail.

Each module imports only those below it (ARCHITECTURE.md, "Import loops"):

- ``guest``, ``agents``, ``staff``: guests (verification links, proof of order, the guest session), agents, and
  staff actions with their permission check (admin and API).
- ``core``: filing (with merging of duplicates and the free copy) and verification.
- ``automation``: what each request type does once verified; ``approve`` for the types staff approve.
- ``status``: the transition table, clocks, complete / reject / extend / cancel.
- ``emails``, ``messages``, ``proofs``; ``approval`` (what waits for staff); ``events`` (the request's timeline).
- ``ratelimit``, ``maintenance`` (reminders, purge), ``stats``, ``shine_the_light``.
"""
