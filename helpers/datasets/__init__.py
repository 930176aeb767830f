"""The course's datasets: one fetch/verify/cache core (``core``) and one module per dataset.

Lessons use them through ``helpers.data``.
"""
