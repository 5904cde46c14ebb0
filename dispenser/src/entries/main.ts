// Kiosk entry: registers <turnero-kiosk>, which index.html places full screen.
import '../kiosk-app';
// No long-press menu on the touch screen (a listener, not an inline handler: the CSP runs no inline script).
document.addEventListener('contextmenu', (e) => e.preventDefault());
