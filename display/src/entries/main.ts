// Wall display entry: registers <turnero-display>, which index.html places full screen.
import '../display-app';
