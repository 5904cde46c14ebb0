/** Boots the head-office dashboard (served at /hq/). */
import { registerHqMessages } from '../i18n/messages';
import '../components/hq-app';

registerHqMessages();
document.body.append(document.createElement('hq-app'));
