// Admin pages (/desk/admin.html): boots <turnero-admin-app>.
import { setLang, getLang } from '@turnero/web-client/i18n';
import '../components/admin-app';

setLang(getLang(), false);
