from django.db import models


class Entry(models.Model):
    """Alice's blog entry, with the publish date she wished she had from the start."""

    title = models.CharField(max_length=30)
    body = models.TextField()
    pub_date = models.DateTimeField(null=True, blank=True)


class Section(models.Model):
    """Carol's section, for an M2M table Django makes by itself."""

    name = models.CharField(max_length=50, unique=True)
    entries = models.ManyToManyField(Entry)
