import type { FixProvider } from "./context";

export const chainFallbackFixes: FixProvider = () => [];

export const storeFalseChainFixes: FixProvider = () => [];
