// Survey tablet entry (a counter's rating tablet): registers <turnero-survey-page>.
import '../survey/survey-page';
