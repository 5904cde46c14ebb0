// Supervisor board page (/desk/board.html): boots <turnero-board-app>.
import { setLang, getLang } from '@turnero/web-client/i18n';
import '../components/board/board-app';

setLang(getLang(), false);
