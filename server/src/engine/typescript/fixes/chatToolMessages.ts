import type { FixProvider } from "./context";

export const chatToolMessageFixes: FixProvider = () => [];
