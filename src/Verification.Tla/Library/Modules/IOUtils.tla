------------------------------- MODULE IOUtils ------------------------------
(* The community module IOUtils. TLC implements its operators in Java; this *)
(* checker implements IOEnv, atoi and Serialize (TXT) natively             *)
(* (Library/LibraryOverrides.cs) and reports the ones that run programs     *)
(* (IOExec...) or use TLC's binary format as evaluation errors.             *)
LOCAL INSTANCE TLC
LOCAL INSTANCE Integers
LOCAL INSTANCE Sequences
LOCAL INSTANCE SequencesExt

IOSerialize(val, absoluteFilename, compress) == TRUE
IODeserialize(absoluteFilename, compressed) == TRUE
Serialize(value, dest, options) == TRUE
Deserialize(src, options) == TRUE
IOExec(command) == TRUE
IOEnvExec(env, command) == TRUE
IOExecTemplate(commandTemplate, parameters) == TRUE
IOEnvExecTemplate(env, commandTemplate, parameters) == TRUE
IOEnv == TRUE
atoi(str) == TRUE

zeroPadN(n, width) ==
  LET digits == ToString(n)
      zeros == [i \in 1 .. width - Len(digits) |-> "0"]
  IN  FoldLeft(LAMBDA acc, z : acc \o z, "", zeros) \o digits
=============================================================================
