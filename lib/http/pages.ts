// Pages: a domain's not_found becomes Next's 404 page; every other error is rethrown.
import "server-only";

import { notFound } from "next/navigation";

import { isAppError } from "@/lib/errors";

export async function notFoundOnMissing<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}
