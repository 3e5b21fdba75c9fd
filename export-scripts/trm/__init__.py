"""trm4j export scripts: reference TRM, data generators, training, ONNX export."""
