"""The real browser: headless Chromium rendering and screenshots."""
