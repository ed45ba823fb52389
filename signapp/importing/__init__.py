"""Reading form exports and spreadsheets into sign-ons. No Qt here."""
