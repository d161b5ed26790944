/** Why a field was refused; each code has a translated message (`directory:fields.<code>`). */
export type FieldProblemCode =
  | "required"
  | "tooLong"
  | "tooMany"
  | "invalidChars"
  | "invalidType"
  | "invalidValue"
  | "invalidId"
  | "emailNotId"
  | "invalidUrl"
  | "invalidDate"
  | "unknownOrg"
  | "unknownParent"
  | "mismatch"
  | "unknownField"
  | "invalidEmail"
  | "alreadyStaff"
  | "tooManyRequests"
  | "sameOrg";

/** One refused field; `params` feed the translation (e.g. `{ max: 200 }`). */
export interface FieldProblem {
  code: FieldProblemCode;
  params?: Record<string, string | number>;
}

/** Field path (`title`, `time.text`, `places.2`) → problem. */
export type FieldProblems = Record<string, FieldProblem>;

/** Input was refused; nothing was changed. */
export class ValidationError extends Error {
  override name = "ValidationError";
  constructor(public readonly fields: FieldProblems) {
    super(`invalid fields: ${Object.keys(fields).join(", ")}`);
  }
}

/** The caller's role does not allow this. */
export class ForbiddenError extends Error {
  override name = "ForbiddenError";
}

/** No such organisation or entry (in the caller's tenant, or visible to the caller). */
export class NotFoundError extends Error {
  override name = "NotFoundError";
}

/** The caller edited an old version: `current` is what is stored now. */
export class ConflictError extends Error {
  override name = "ConflictError";
  constructor(public readonly current: unknown) {
    super("stale version");
  }
}

/** An id that must be new is taken. */
export class AlreadyExistsError extends Error {
  override name = "AlreadyExistsError";
}

/** An entry with sub-entries cannot be deleted before them. */
export class HasChildrenError extends Error {
  override name = "HasChildrenError";
}

/** Raised by repositories when an ETag-conditional write lost (HTTP 412 / 409 from the table). */
export class StaleWriteError extends Error {
  override name = "StaleWriteError";
}
