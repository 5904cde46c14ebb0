// Admin pages (/desk/admin.html): boots <turnero-admin-app>.
import { setLang, getLang } from '../../../server/src/contract/client/i18n';
import '../components/admin-app';

setLang(getLang(), false);
