"""Stock levels of the sample shop: the Python half of the quality sample."""
