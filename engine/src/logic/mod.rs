//! JsonLogic, compiled once and evaluated many times.
