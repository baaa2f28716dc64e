"""A third-party sector (beehives) written only against `deungdae.sectors.api`."""
