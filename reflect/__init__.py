"""reflect: a private command-line journal about the relationship with your therapist."""

__version__ = "0.1.0"
