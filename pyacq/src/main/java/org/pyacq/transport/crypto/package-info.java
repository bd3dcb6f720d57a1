/** NaCl's box and secretbox (CurveZMQ's crypto) on Bouncy Castle's primitives, for JeroMQ's CURVE and our key checks. */
package org.pyacq.transport.crypto;
