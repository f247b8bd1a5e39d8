/** Reports and views: what users see of their data and results. */
export { evaluate, EvaluationReport, type EvaluateOptions } from "./evaluate";
export { compareModels, Leaderboard, type CompareOptions, type LeaderboardEntry } from "./compare";
export { profile, ProfileReport, type ProfileOptions } from "./profile";
export { chart, ChartView, type ChartOptions } from "./chart";
export { table, TableView, type TableOptions } from "./table";
export { display, mimeBundleOf, DISPLAY_HOOK } from "./display";
