console.log("size todo")
