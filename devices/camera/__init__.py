"""Camera capture (OpenCV or simulated) and QR scanning of licences and city-app codes. Qt-free."""
