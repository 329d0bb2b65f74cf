"""Day-to-day operations: request intake and SLAs, post-mortems, and where the team's time goes."""
