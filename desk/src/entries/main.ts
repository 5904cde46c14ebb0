// Agent desk page (/desk/): boots <turnero-desk-app>.
import '../components/desk/desk-app';
