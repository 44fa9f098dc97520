import { initAll } from "../govuk/govuk-frontend.min.js";
import { initAutosave } from "./autosave.mjs";
import { initCharts } from "./charts.mjs";
import { initReadability } from "./readability.mjs";
import { initSessionTimeout } from "./session-timeout.mjs";

initAll();
initAutosave();
initReadability();
initCharts();
initSessionTimeout();
