// Admin pages (/desk/admin.html): boots <turnero-admin-app>.
import '../components/admin-app';
