"""The typed, frozen model every stage speaks. Imports nothing of the pipeline."""
