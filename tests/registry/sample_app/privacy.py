"""A third-party app's declarations, found by autodiscovery: a custom source and an ignore."""

from privacy_center import register, site
from privacy_center.sources import BaseSource, Category, Preview


@register
class LoyaltyPointsSource(BaseSource):
    name = "registry_sample_app.points"
    label = "Loyalty points"
    category = Category.COMMERCIAL
    covers = ["shop_demo.NewsletterSignup.source"]

    def fields(self):
        from privacy_center.sources import FieldInfo

        return [FieldInfo("points", "Points", type="integer")]

    def count(self, subject):
        return 1 if subject.user is not None else 0

    def iter_rows(self, subject, chunk_size=2000):
        if subject.user is not None:
            yield {"pk": 1, "points": 120}

    def page(self, subject, number, per_page):
        return list(self.iter_rows(subject))

    def preview(self, subject):
        return Preview(self.name, self.label, self.count(subject), "delete")

    def erase(self, subject):
        return self.preview(subject)


site.ignore("shop_demo.product", "catalogue data, no person")
