"""Writers of script interchange formats (Fountain, FDX) from the model."""
