// Supervisor board page (/desk/board.html): boots <turnero-board-app>.
import '../components/board/board-app';
