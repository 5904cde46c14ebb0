// Live ticket page entry (the QR target): registers <turnero-ticket-page>.
import '../ticket-page';
