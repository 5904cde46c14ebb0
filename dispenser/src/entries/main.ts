// Kiosk entry: registers <turnero-kiosk>, which index.html places full screen.
import '../kiosk-app';
