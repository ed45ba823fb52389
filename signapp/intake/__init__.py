"""Sign-ons that arrive by email: messages read into the review queue as proposals."""
