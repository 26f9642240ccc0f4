-------------------------------- MODULE Json --------------------------------
(* The community module Json. TLC implements every operator in Java; this   *)
(* checker implements them natively (Library/LibraryOverrides.cs). The      *)
(* bodies below only give the operators their names and arities.           *)
LOCAL INSTANCE Sequences
LOCAL INSTANCE FiniteSets
LOCAL INSTANCE TLC

ToJson(value) == ToString(value)
ToJsonArray(value) == ToString(value)
ToJsonObject(value) == ToString(value)
JsonSerialize(absoluteFilename, value) == TRUE
JsonDeserialize(absoluteFilename) == TRUE
ndJsonSerialize(absoluteFilename, value) == TRUE
ndJsonDeserialize(absoluteFilename) == TRUE
=============================================================================
