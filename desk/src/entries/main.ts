// Agent desk page (/desk/): boots <turnero-desk-app>.
import { setLang, getLang } from '../../../server/src/contract/client/i18n';
import '../components/desk-app';

setLang(getLang(), false);
