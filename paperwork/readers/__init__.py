"""Readers: user files in, model out, with every problem collected as a located Diagnostic."""
