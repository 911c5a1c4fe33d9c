"""Admin of this app; imported explicitly by redconsorcios.admin."""
