/** Recognises a greeting or a question about the model itself, which the welcome answers instead of the sources. */

const greetingPattern =
  /^(?:hi|hello|hey|hallo|howdy|greetings|good (?:morning|afternoon|evening|day)|yo)(?: there| strata| everyone)?$/;
const aboutModelPattern =
  /^(?:who are you|what are you|what can you do|what can i ask(?: you)?|what do you know|help|what questions can you answer)$/;

/** Whether a message is a greeting or asks what the model can do, rather than a question for the sources. */
export function isGreeting(message: string): boolean {
  const plain = message
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s']/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return greetingPattern.test(plain) || aboutModelPattern.test(plain);
}

/** What the built-in model says to a greeting: what it is and what it can answer. */
export const welcomeText =
  "Hello! I am local/extractive, Strata's built-in model. I answer questions from a knowledge base by quoting its sentences, with a citation for each, and I say so when it holds no answer. By default that base is `docs`, Strata's own documentation, so you can ask how to install, configure and call Strata, set budgets and rate limits, define routes, build knowledge bases or run it in production — for example, “How do I set a budget?”";
