"""One widget per step of the visit. Each draws the journey's state and forwards taps."""
