// Supervisor board page (/desk/board.html): boots <turnero-board-app>.
import { setLang, getLang } from '../../../server/src/contract/client/i18n';
import '../components/board-app';

setLang(getLang(), false);
