"""DfE open data (Explore Education Statistics) and statistical neighbours."""
