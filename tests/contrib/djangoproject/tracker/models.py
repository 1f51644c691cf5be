from django.db import models

STATUS_CHOICES = [(1, "new"), (2, "open"), (3, "closed")]


class Product(models.Model):
    name = models.CharField(max_length=100)


class Ticket(models.Model):
    """Ben's ticket after his change: no reporter, a product."""

    owner = models.EmailField()
    status = models.IntegerField(choices=STATUS_CHOICES)
    description = models.TextField()
    product = models.ForeignKey(Product, on_delete=models.CASCADE)

    class Meta:
        indexes = (models.Index(fields=["owner"], name="ticket_owner_idx"),)
