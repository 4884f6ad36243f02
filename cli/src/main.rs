fn main() {
    println!("trygg");
}
