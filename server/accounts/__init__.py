"""Users, their devices and their tokens; login with rate limiting."""
