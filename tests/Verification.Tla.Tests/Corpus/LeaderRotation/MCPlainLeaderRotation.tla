----------------------- MODULE MCPlainLeaderRotation ------------------------
\* TLC's cfg has no tuple values: the tuple the model needs is defined here over
\* the model values, and the cfg binds it with `Ring <- MCRing`.
EXTENDS PlainLeaderRotation
CONSTANTS n1, n2, n3
MCRing == <<n2, n3, n1>>
=============================================================================
