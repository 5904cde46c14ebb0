// Portal entry: the texts, then <portal-app>, which index.html places on the page.
import '../messages';
import '../components/portal-app';
