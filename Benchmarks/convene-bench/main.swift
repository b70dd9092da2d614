print("convene-bench: not built yet")
