// Agent desk page (/desk/): boots <turnero-desk-app>.
import { setLang, getLang } from '@turnero/web-client/i18n';
import '../components/desk-app';

setLang(getLang(), false);
