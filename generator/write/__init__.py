"""The only code that writes output/."""
