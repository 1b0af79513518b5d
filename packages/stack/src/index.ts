export * from "./errors.js"; export * from "./logistic-regression.js";
