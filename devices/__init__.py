"""Device drivers and their simulators behind one XFS4IoT-style interface. Qt-free."""
